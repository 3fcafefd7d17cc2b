/**
 * The adapters every driver has (Hamilton's `default_data_loaders` and its pandas CSV reader and writer):
 * `json` for objects and arrays, `file` for text, `csv` for `hamilton/frame` DataFrames. The registry
 * seeds itself with them on first use, so importing the library registers nothing (and bundles that
 * only draw graphs leave them out). A node whose type
 * is `unknown` or `any` may use any of them; the value is then checked when it is saved.
 */
import { readCsv, toCsv } from '../../frame/csv';
import { isDataFrame, type DataFrame } from '../../frame/dataframe';
import type { DataAdapter, DataLoader, DataSaver } from './data_adapters';
import { fileSystem } from './files';
import { getFileAndDataframeMetadata, getFileMetadata } from './metadata';

const PRIMITIVE = /^(number|string|boolean|bigint|symbol|null|undefined|void|never|Date)$/;
const UNTYPED = /^(unknown|any)$/;
const FRAME = /^(Readonly<)?(DataFrame|Series)\b/;

/** Objects and arrays of any shape (Hamilton's `dict` and `list`). */
function isObjectType(type: string): boolean {
  const t = type.trim();
  return !PRIMITIVE.test(t) && !FRAME.test(t) && !/^['"`\d]/.test(t);
}

function isFrameType(type: string): boolean {
  return UNTYPED.test(type.trim()) || /^(Readonly<)?DataFrame\b/.test(type.trim());
}

function isTextType(type: string): boolean {
  return UNTYPED.test(type.trim()) || type.trim() === 'string';
}

/**
 * A file adapter: its key, class, types, a required `path`, its optional arguments and what it does
 * (calls are marked pure so that bundles which never load or save leave the adapters out).
 */
function fileAdapter<Methods extends Pick<DataLoader, 'loadData'> | Pick<DataSaver, 'saveData'>>(
  name: string,
  className: string,
  appliesTo: (type: string) => boolean,
  optionalArguments: Readonly<Record<string, string>>,
  methods: Methods,
): DataAdapter & NoInfer<Methods> {
  const common: DataAdapter = {
    name,
    className,
    appliesTo,
    requiredArguments: { path: 'string' },
    optionalArguments,
  };
  return { ...common, ...methods };
}

function path(args: Readonly<Record<string, unknown>>): string {
  return String(args.path);
}

function frameToSave(data: unknown, saver: string): DataFrame {
  if (!isDataFrame(data)) {
    throw new TypeError(`${saver} saves a DataFrame, got ${data === null ? 'null' : typeof data}`);
  }
  return data;
}

/** `from.json` / `loadFrom.json`: parses a JSON file (Hamilton's `JSONDataLoader`). */
export const JSON_DATA_LOADER: DataLoader = /* @__PURE__ */ fileAdapter(
  'json',
  'JSONDataLoader',
  isObjectType,
  {},
  {
    loadData: (args) => [JSON.parse(fileSystem().readText(path(args))), getFileMetadata(path(args))],
  },
);

/** `to.json` / `saveTo.json`: writes a value as JSON (Hamilton's `JSONDataSaver`). */
export const JSON_DATA_SAVER: DataSaver = /* @__PURE__ */ fileAdapter(
  'json',
  'JSONDataSaver',
  isObjectType,
  {},
  {
    saveData(args, data) {
      fileSystem().writeText(path(args), JSON.stringify(data));
      return getFileMetadata(path(args));
    },
  },
);

/** `from.file`: a file's text (Hamilton's `RawFileDataLoader`). */
export const RAW_FILE_DATA_LOADER: DataLoader = /* @__PURE__ */ fileAdapter(
  'file',
  'RawFileDataLoader',
  isTextType,
  { encoding: 'string' },
  {
    loadData: (args) => [fileSystem().readText(path(args)), getFileMetadata(path(args))],
  },
);

/** `to.file`: writes text (Hamilton's `RawFileDataSaver`). */
export const RAW_FILE_DATA_SAVER: DataSaver = /* @__PURE__ */ fileAdapter(
  'file',
  'RawFileDataSaver',
  isTextType,
  { encoding: 'string' },
  {
    saveData(args, data) {
      fileSystem().writeText(path(args), String(data));
      return getFileMetadata(path(args));
    },
  },
);

function separator(args: Readonly<Record<string, unknown>>): string {
  const sep = args.sep ?? args.delimiter;
  return typeof sep === 'string' ? sep : ',';
}

/** `from.csv`: reads a CSV file into a DataFrame (Hamilton's `PandasCSVReader`; `sep` as in pandas). */
export const CSV_READER: DataLoader = /* @__PURE__ */ fileAdapter(
  'csv',
  'PandasCSVReader',
  isFrameType,
  { sep: 'string', delimiter: 'string' },
  {
    loadData(args) {
      const df = readCsv(fileSystem().readText(path(args)), { delimiter: separator(args) }) as DataFrame;
      return [df, getFileAndDataframeMetadata(path(args), df)];
    },
  },
);

/** `to.csv`: writes a DataFrame as CSV, without an index (Hamilton's `PandasCSVWriter`). */
export const CSV_WRITER: DataSaver = /* @__PURE__ */ fileAdapter(
  'csv',
  'PandasCSVWriter',
  isFrameType,
  { sep: 'string' },
  {
    saveData(args, data) {
      const df = frameToSave(data, 'PandasCSVWriter');
      fileSystem().writeText(path(args), `${toCsv(df, { delimiter: separator(args) })}\n`);
      return getFileAndDataframeMetadata(path(args), df);
    },
  },
);

/** The adapters every registry starts with, in registration order. */
export const DEFAULT_ADAPTERS: readonly (DataLoader | DataSaver)[] = [
  JSON_DATA_LOADER,
  JSON_DATA_SAVER,
  RAW_FILE_DATA_LOADER,
  RAW_FILE_DATA_SAVER,
  CSV_READER,
  CSV_WRITER,
];
