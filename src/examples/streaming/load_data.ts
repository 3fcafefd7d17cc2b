import { config, extractColumns } from 'hamilton';
import { DataFrame } from 'hamilton/frame';

/** A survey answer. */
export type Survey = { client_id: number; budget: number; age: number; gender: string };

/** Batch: the survey table. */
export const survey_results__batch = config.when({ mode: 'batch' })(
  extractColumns(
    'client_id',
    'budget',
    'age',
    'gender',
  )(function survey_results__batch(survey_data: DataFrame<Survey>): DataFrame<Survey> {
    return survey_data;
  }),
);

/** Streaming: the survey events that just came in. */
export const survey_results__streaming = config.when({ mode: 'streaming' })(
  extractColumns(
    'client_id',
    'budget',
    'age',
    'gender',
  )(function survey_results__streaming(survey_records: Survey[]): DataFrame<Survey> {
    return DataFrame.fromRecords(survey_records);
  }),
);
