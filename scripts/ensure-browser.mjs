// Makes sure a Chromium is there for the browser tests: Debian's package, installed when we may.
import { execSync } from 'node:child_process';

const has = (cmd) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/bash' });
    return true;
  } catch {
    return false;
  }
};

if (process.env.CHROMIUM_PATH || has('chromium')) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && has('apt-get')) {
  console.log('Chromium is missing: installing Debian\'s "chromium" with apt-get (one time).');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
  process.exit(0);
}
console.error(
  'No Chromium found: install one (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to its binary.',
);
process.exit(1);
