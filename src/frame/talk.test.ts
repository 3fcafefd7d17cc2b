import { expect, it } from 'vitest';
import { readCsv } from './csv';
import { DataFrame } from './dataframe';
import { DataFrameResult } from './result';

// The talk's e-commerce features, written with the frame alone (the driver and decorators are tested
// with them in src/hamilton and src/examples).
it("computes the talk's feature set and builds it as Hamilton's frame result", () => {
  const survey = readCsv(
    'client_id,budget,age,gender\n1,500,25,male\n2,1500,35,female\n3,2500,45,male\n4,800,55,female',
    {
      dtypes: { client_id: 'number', budget: 'number', age: 'number', gender: 'string' },
    },
  );
  const logins = readCsv('client_id,last_login\n3,2024-01-03\n1,2024-01-01\n2,2024-01-02', {
    dtypes: { client_id: 'number', last_login: 'date' },
  });
  const executionTime = new Date('2024-01-05T00:00:00Z');

  const age = survey.column('age');
  const ageMean = age.mean();
  const ageStddev = age.std();
  const lastLogin = DataFrame.fromColumns({ client_id: survey.column('client_id') })
    .leftJoin(logins, { on: 'client_id' })
    .column('last_login');

  const featureSet = new DataFrameResult().build({
    is_male: survey.column('gender').eq('male'),
    is_female: survey.column('gender').eq('female'),
    is_high_roller: survey.column('budget').gt(1000),
    age_normalized: age.sub(ageMean).div(ageStddev),
    time_since_last_login: lastLogin.rsub(executionTime).div(86_400_000),
    age_mean: ageMean,
  });

  const z = 15 / Math.sqrt(500 / 3);
  expect(featureSet.shape).toEqual([4, 6]);
  const rows = featureSet.toRecords();
  expect(
    rows.map((r) => [r.is_male, r.is_female, r.is_high_roller, r.time_since_last_login, r.age_mean]),
  ).toEqual([
    [true, false, false, 4, 40],
    [false, true, true, 3, 40],
    [true, false, true, 2, 40],
    [false, true, false, NaN, 40],
  ]);
  const normalized = rows.map((r) => r.age_normalized as number);
  [-z, -z / 3, z / 3, z].forEach((value, i) => expect(normalized[i]).toBeCloseTo(value, 12));
});
