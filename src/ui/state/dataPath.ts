/**
 * Table values that name a served data file (`data/...`): only plain paths inside the data folder are
 * fetched. `..` segments, percent-escapes (`%2e%2e` is `..` to the URL parser), backslashes and
 * anything that is not a path character are refused, so a table value from a link cannot fetch other
 * files of the app's origin.
 */

const DATA_FOLDER = 'data/';
/** Path characters a data file's name may use. */
const SAFE = /^[A-Za-z0-9_\-./]+$/;

/** Whether a table value names a data file (it is fetched) rather than holding CSV text. */
export function namesDataFile(value: string): boolean {
  return value.startsWith(DATA_FOLDER);
}

/** The path to fetch for a table value naming a data file, or why it is refused. */
export function dataFilePath(value: string): { path: string } | { error: string } {
  const rest = value.slice(DATA_FOLDER.length);
  const segments = rest.split('/');
  if (!SAFE.test(rest) || segments.some((s) => s === '' || s === '.' || s === '..'))
    return { error: `only files inside data/ can be loaded, by a plain path (got "${value.slice(0, 200)}")` };
  return { path: `${DATA_FOLDER}${rest}` };
}
