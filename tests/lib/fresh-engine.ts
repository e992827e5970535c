// Set up before each file of the `lib` project. Its files share worker processes (vitest.config.ts: isolate false,
// which spares each file importing tfjs anew), so each starts from tfjs's state in a fresh process: no tensors left
// by the file before, and the cpu backend (the one a fresh process starts on synchronously; wasm, which an earlier
// file may have registered, needs the awaited setBackend that the files using it make).
import * as tf from '@tensorflow/tfjs';

tf.engine().reset();
await tf.setBackend('cpu');
