import { loadFrom, saveTo } from 'hamilton';
import { DataFrame } from 'hamilton/frame';

/** The survey as the CSV file gives it: one row per client. */
export type Survey = DataFrame<{ client_id: number; budget: number; age: number; gender: string }>;

/** Budget statistics per gender. */
export type BudgetByGender = DataFrame<{
  gender: string;
  clients: number;
  mean_budget: number;
  max_budget: number;
}>;

/**
 * The survey, loaded from the workspace file `survey_data.csv` (the table of Inputs & config):
 * `loadFrom.csv` adds the nodes `survey.load_data.raw` (data and metadata) and `survey.select_data.raw`.
 */
export const survey = loadFrom.csv({ path: 'survey_data.csv' })(function survey(raw: Survey): Survey {
  return raw.filter(raw.column('budget').gt(0));
});

/** Clients with a known age, budget per year of age. */
export function budget_per_year(survey: Survey): DataFrame<{ client_id: number; budget_per_year: number }> {
  return DataFrame.fromColumns({
    client_id: survey.column('client_id'),
    budget_per_year: survey.column('budget').div(survey.column('age')),
  });
}

/**
 * Budget per gender, saved as `budget_by_gender.csv` by the node `save_budget_by_gender` (Results offers
 * the file for download).
 */
export const budget_by_gender = saveTo.csv({
  path: 'budget_by_gender.csv',
  outputName_: 'save_budget_by_gender',
})(function budget_by_gender(survey: Survey): BudgetByGender {
  return survey.groupBy('gender').agg({
    clients: ['client_id', 'count'],
    mean_budget: ['budget', 'mean'],
    max_budget: ['budget', 'max'],
  });
});
