/** The examples of the Examples menu, with the outputs each requests (browser tests open them all). */
export const EXAMPLES = [
  { id: 'hello', title: 'Hello world', outputs: ['a', 'b', 'c', 'd'] },
  { id: 'ecommerce', title: 'E-commerce features (batch)', outputs: ['feature_set_v1'] },
  { id: 'streaming', title: 'Batch, streaming and online', outputs: ['feature_set_v1'] },
  { id: 'lineage', title: 'Lineage as code', outputs: ['feature_set_v1'] },
  { id: 'quality', title: 'Data quality', outputs: ['feature_set_v1'] },
  {
    id: 'decorators',
    title: 'Decorators at work',
    outputs: ['is_young', 'is_senior', 'budget_clean', 'budget_summary', 'age_summary'],
  },
  {
    id: 'materialize',
    title: 'Load and save files',
    outputs: ['budget_by_gender', 'save_budget_by_gender', 'budget_per_year'],
  },
];
