// Write a function `a` that takes `input` (a list of numbers)
// and returns Series.from(input).mod(7); import Series with
//   import { Series } from 'hamilton/frame';
// The function's name is the node; its parameter is the input.
export {};
