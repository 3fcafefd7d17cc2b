// register.mjs has no exports: importing it registers the module hooks.
export {};
