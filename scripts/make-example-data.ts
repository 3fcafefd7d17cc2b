/**
 * Writes the e-commerce example's data sets (the talk's survey and login tables) into public/data/.
 * Deterministic: a seeded generator, so re-running it reproduces the committed files byte for byte.
 *
 *   npx tsx scripts/make-example-data.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { random } from './random';

const CLIENTS = 300;
/** Clients who answered the survey but never logged in: the left join must keep them (empty last_login). */
const NEVER_LOGGED_IN = new Set([7, 42, 99, 150, 233]);
/** The reference "now" the example runs with (its `execution_time` input). */
const EXECUTION_TIME = Date.UTC(2024, 5, 1);
const DAY = 86_400_000;

const rand = random(20211026);
const survey = ['client_id,budget,age,gender'];
const logins = ['client_id,last_login'];
for (let i = 1; i <= CLIENTS; i++) {
  const age = 18 + Math.floor(rand() * 55);
  // Budgets are skewed: most spend a few hundred, some are high rollers (> 1000).
  const budget = Math.round(50 + 2400 * rand() ** 2.2);
  const gender = rand() < 0.48 ? 'male' : rand() < 0.92 ? 'female' : 'other';
  survey.push(`${i},${budget},${age},${gender}`);
  const daysAgo = Math.floor(rand() * 120);
  if (!NEVER_LOGGED_IN.has(i)) {
    logins.push(`${i},${new Date(EXECUTION_TIME - daysAgo * DAY - Math.floor(rand() * DAY)).toISOString()}`);
  }
}
// Login data comes from another system: its rows are in a different order than the survey's.
const [header, ...rows] = logins;
rows.sort((x, y) => (x.split(',')[1] < y.split(',')[1] ? -1 : 1));

const out = (name: string) => fileURLToPath(new URL(`../public/data/${name}`, import.meta.url));
writeFileSync(out('survey_results.csv'), survey.join('\n') + '\n');
writeFileSync(out('login_data.csv'), [header, ...rows].join('\n') + '\n');
console.log(`wrote ${CLIENTS} survey rows and ${rows.length} login rows`);
