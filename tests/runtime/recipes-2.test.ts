import { defineRecipeTests } from './recipe-runner.ts';

defineRecipeTests(1, 2);
