// Writes the voice classifier's counts (lib/lora/voice-file.ts) for the browser: token and bigram counts of the two
// training splits (State of the Union and Moby Dick, node/lora-voice.ts's corpora) in target-v1's tokenizer, so the
// worker scores LoraTrain's samples exactly as lib/lora/voice.ts does without downloading either text.
//   npm exec -- node scripts/voice-counts.ts          (writes public/data/voice-counts.bin)
import { readFileSync, writeFileSync } from 'node:fs';
import { Tokenizer } from '../lib/tokenizer.ts';
import { countTokens } from '../lib/lora/voice.ts';
import { encodeVoiceCounts } from '../lib/lora/voice-file.ts';
import { loadCorpus } from '../node/corpus.ts';
import { loadSotuCorpus } from '../node/sotu-corpus.ts';

const VOICE_COUNTS_FILE = 'public/data/voice-counts.bin';

const dir = 'public/models/target-v1';
const tok = new Tokenizer(JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')));
const V = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')).vocabSize as number;
const bytes = encodeVoiceCounts([
  countTokens(tok.encode(loadSotuCorpus().train), V),
  countTokens(tok.encode(loadCorpus().train), V),
]);
writeFileSync(VOICE_COUNTS_FILE, bytes);
console.log(`${VOICE_COUNTS_FILE}: ${bytes.length} bytes`);
