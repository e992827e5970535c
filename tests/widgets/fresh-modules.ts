// Set up before each file of the `widgets-node` project, whose files share worker processes (vitest.config.ts:
// isolate false, which spares each file a process of its own): each file imports the project's modules afresh, so
// a file's vi.mock reaches every module it imports and no file sees module state an earlier one left.
import { vi } from 'vitest';

vi.resetModules();
