// VADER baseline for `tension model eval`: reads sentences on stdin (one per line), prints one
// compound score per line on stdout, and its own timing on stderr as `vader_seconds S` and
// `vader_statements_per_second R` (scoring only, after reading input).
'use strict';
const vader = require('vader-sentiment');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const lines = Buffer.concat(chunks).toString('utf8').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out = new Array(lines.length);
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) {
    out[i] = vader.SentimentIntensityAnalyzer.polarity_scores(lines[i]).compound;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
  process.stderr.write(`vader_seconds ${seconds.toFixed(4)}\n`);
  process.stderr.write(`vader_statements_per_second ${(lines.length / Math.max(seconds, 1e-9)).toFixed(0)}\n`);
});
