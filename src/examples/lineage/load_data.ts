/*
 * Lineage as code. The tags below let the Catalog (and the driver's lineage queries) answer:
 * - Who owns this feature?          click it: its `owner` tag.
 * - How is feature_set_v1 computed? its upstream (dr.whatIsUpstreamOf('feature_set_v1')).
 * - Where is age used?              its downstream (dr.whatIsDownstreamOf('age')).
 * - What sources did I train on?    upstream nodes with a `source` tag.
 * - Which PII flows into the model? upstream nodes tagged pii=true.
 */
import { extractColumns, tag, tagOutputs } from 'hamilton';
import type { DataFrame } from 'hamilton/frame';

/** A survey answer (table `survey_data`). */
export type Survey = { client_id: number; budget: number; age: number; gender: string };
/** A client's last login (table `login_table`). */
export type Login = { client_id: number; last_login: Date };

/** Survey results from the production survey table, one node per column. */
export const survey_results = tag({ source: 'prod.surveys', owner: 'data-engineering' })(
  tagOutputs({
    client_id: { pii: 'true' },
    age: { pii: 'true' },
    gender: { pii: 'true' },
    budget: { pii: 'false' },
  })(
    extractColumns(
      'client_id',
      'budget',
      'age',
      'gender',
    )(function survey_results(survey_data: DataFrame<Survey>): DataFrame<Survey> {
      return survey_data;
    }),
  ),
);

/** Logins, from the platform team's login service. */
export const login_data = tag({ source: 'prod.logins', owner: 'platform', pii: 'false' })(function login_data(
  login_table: DataFrame<Login>,
): DataFrame<Login> {
  return login_table;
});
