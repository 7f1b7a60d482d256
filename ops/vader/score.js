// VADER baseline for `tension model eval`: reads sentences on stdin (one per line), prints one
// compound score per line on stdout, and its own timing on stderr (scoring only, after reading the
// input, after one warm-up pass): `vader_seconds S`, `vader_statements_per_second R` (wall clock)
// and `vader_statements_per_cpu_second R` (process CPU time, fairer on a busy machine).
'use strict';
const vader = require('vader-sentiment');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const lines = Buffer.concat(chunks).toString('utf8').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) vader.SentimentIntensityAnalyzer.polarity_scores(lines[i]); // warm up
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) {
    out[i] = vader.SentimentIntensityAnalyzer.polarity_scores(lines[i]).compound;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
  process.stderr.write(`vader_seconds ${seconds.toFixed(4)}\n`);
  process.stderr.write(`vader_statements_per_second ${(lines.length / Math.max(seconds, 1e-9)).toFixed(0)}\n`);
  process.stderr.write(`vader_statements_per_cpu_second ${(lines.length / Math.max(cpuSeconds, 1e-9)).toFixed(0)}\n`);
});
