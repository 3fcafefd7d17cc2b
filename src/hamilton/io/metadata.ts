/**
 * Metadata loaders and savers return, in Hamilton's schema (`io.utils`): `file_metadata` for files,
 * `dataframe_metadata` for frames, each with its `__version__`.
 */
import type { DataFrame } from '../../frame/dataframe';
import { fileSystem } from './files';

/** Key of the file metadata. */
export const FILE_METADATA = 'file_metadata';
/** Key of the frame metadata. */
export const DATAFRAME_METADATA = 'dataframe_metadata';

/**
 * Size, path, last modification and current time (both in seconds, as Python's `time.time()`) of a file
 * (Hamilton's `get_file_metadata`).
 */
export function getFileMetadata(path: string): Record<string, unknown> {
  const stat = fileSystem().stat(path);
  const now = Date.now() / 1000;
  return {
    [FILE_METADATA]: {
      size: stat ? stat.size : null,
      path,
      last_modified: stat ? stat.lastModified / 1000 : now,
      timestamp: now,
      scheme: '',
      notes: stat ? '' : `File metadata is unsupported for scheme:  or path: ${path} does not exist.`,
      __version__: '1.0.0',
    },
  };
}

/** Rows, columns, column names and dtypes of a frame (Hamilton's `get_dataframe_metadata`). */
export function getDataframeMetadata(df: DataFrame): Record<string, unknown> {
  const names = df.columnNames as string[];
  const dtypes = df.dtypes as Record<string, string>;
  return {
    [DATAFRAME_METADATA]: {
      __version__: '1.0.0',
      rows: df.length,
      columns: names.length,
      column_names: names,
      datatypes: names.map((n) => dtypes[n]),
    },
  };
}

/** Both (Hamilton's `get_file_and_dataframe_metadata`). */
export function getFileAndDataframeMetadata(path: string, df: DataFrame): Record<string, unknown> {
  return { ...getFileMetadata(path), ...getDataframeMetadata(df) };
}
