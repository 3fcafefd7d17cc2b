import { extractColumns } from 'hamilton';
import type { DataFrame } from 'hamilton/frame';

/** A survey answer (table `survey_data`). */
export type Survey = { client_id: number; budget: number; age: number; gender: string };
/** A client's last login (table `login_data`). */
export type Login = { client_id: number; last_login: Date };

/** Raw survey results, split into one column per field. */
export const survey_results = extractColumns(
  'client_id',
  'budget',
  'age',
  'gender',
)(function survey_results(survey_data: DataFrame<Survey>): DataFrame<Survey> {
  return survey_data;
});
