import { defineRecipeTests } from './recipe-runner.ts';

defineRecipeTests(0, 2);
