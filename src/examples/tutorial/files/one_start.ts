import { Series } from 'hamilton/frame';

// Write a function `a` that takes `input` (a list of numbers) and returns
// Series.from(input).mod(7). Its name is the node; its parameter is the input.
export {};
