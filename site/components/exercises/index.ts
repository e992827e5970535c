// What a lesson imports to end with checked problems (see lessons/README.md, "Exercises").
export { default as Exercises } from './Exercises.astro';
export { default as Problem } from './Problem.astro';
