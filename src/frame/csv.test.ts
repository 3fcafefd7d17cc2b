import { describe, expect, expectTypeOf, it } from 'vitest';
import { readCsv, toCsv } from './csv';
import { DataFrame } from './dataframe';
import { Series } from './series';

const text = [
  'client_id,budget,active,signup,last_login,gender,note',
  '1,500.5,true,2024-01-05,2024-02-01T10:30:00Z,male,"likes, commas"',
  '2,,FALSE,2024-01-06,2024-02-02 08:00,female,"say ""hi"""',
  '3,-1e3,,,2024-02-03T09:00:00+02:00,,',
].join('\n');

describe('readCsv', () => {
  it('infers numbers, booleans, ISO dates and strings, empty cells missing', () => {
    const df = readCsv(text);
    expect(df.dtypes).toEqual({
      client_id: 'number',
      budget: 'number',
      active: 'boolean',
      signup: 'date',
      last_login: 'date',
      gender: 'string',
      note: 'string',
    });
    expect(df.toRecords()).toEqual([
      {
        client_id: 1,
        budget: 500.5,
        active: true,
        signup: new Date('2024-01-05T00:00:00Z'),
        last_login: new Date('2024-02-01T10:30:00Z'),
        gender: 'male',
        note: 'likes, commas',
      },
      {
        client_id: 2,
        budget: NaN,
        active: false,
        signup: new Date('2024-01-06T00:00:00Z'),
        // A date-time without a zone is UTC, whatever the machine's time zone.
        last_login: new Date('2024-02-02T08:00:00Z'),
        gender: 'female',
        note: 'say "hi"',
      },
      {
        client_id: 3,
        budget: -1000,
        active: null,
        signup: null,
        last_login: new Date('2024-02-03T07:00:00Z'),
        gender: null,
        note: null,
      },
    ]);
  });

  it('reads numbers pandas writes (inf, NaN) and keeps text that only starts like a number', () => {
    const df = readCsv('a,b,c\ninf,1,2024-01-01\n-inf,2x,not a date\nNaN,3,2024-01-02');
    expect(df.column('a').toArray()).toEqual([Infinity, -Infinity, NaN]);
    expect(df.column('b').toArray()).toEqual(['1', '2x', '3']);
    expect(df.column('c').dtype).toBe('string');
  });

  it('types the frame by the dtypes given, and checks the cells against them', () => {
    const df = readCsv(text, { dtypes: { client_id: 'string', budget: 'number' } });
    expectTypeOf(df.column('client_id')).toEqualTypeOf<Series<string>>();
    expect(df.column('client_id').toArray()).toEqual(['1', '2', '3']);
    // @ts-expect-error 'gender' is not among the typed columns
    expect(df.column('gender').toArray()).toEqual(['male', 'female', null]);
    expect(() => readCsv(text, { dtypes: { gender: 'number' } })).toThrow(
      "readCsv: column 'gender', row 1: 'male' is not a number",
    );
    expect(() => readCsv(text, { dtypes: { agee: 'number' } })).toThrow(
      "readCsv: column 'agee' (in dtypes) is not in the header: client_id, budget",
    );
    expect(() => readCsv('')).toThrow('readCsv: the text has no header row');
  });

  it('reads other delimiters and short rows', () => {
    const df = readCsv('a\tb\n1\tx\n2', { delimiter: '\t' });
    expect(df.toRecords()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: null },
    ]);
  });
});

describe('toCsv', () => {
  it('writes every dtype and quotes as needed', () => {
    const df = DataFrame.fromColumns({
      n: [1.5, NaN],
      b: [true, null],
      d: [new Date('2024-01-05T00:00:00Z'), new Date('2024-01-05T10:00:00Z')],
      s: ['a,b', null],
    });
    expect(toCsv(df)).toBe('n,b,d,s\n1.5,true,2024-01-05,"a,b"\n,,2024-01-05T10:00:00.000Z,');
    expect(toCsv(df.head(1), { delimiter: ';' })).toBe('n;b;d;s\n1.5;true;2024-01-05;a,b');
  });

  it('round-trips values and dtypes through readCsv', () => {
    const df = readCsv(text);
    const again = readCsv(toCsv(df));
    expect(again.dtypes).toEqual(df.dtypes);
    expect(again.toRecords()).toEqual(df.toRecords());
  });
});
