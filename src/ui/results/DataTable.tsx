import { useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnPreview } from '../../worker/protocol';
import { cellValue, formatCell, sortOrder } from './cells';

const ROW_HEIGHT = 24;
const OVERSCAN = 12;

interface DataTableProps {
  readonly label: string;
  readonly columns: readonly ColumnPreview[];
  /** Rows in the whole value (the preview may hold fewer). */
  readonly totalRows: number;
  readonly maxHeight?: number;
}

/** A sortable table that draws only the rows in view, so 100,000 rows scroll smoothly. */
export function DataTable({ label, columns, totalRows, maxHeight = 320 }: DataTableProps) {
  const rows = columns[0]?.values.length ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(maxHeight);
  const [sort, setSort] = useState<{ column: number; descending: boolean } | null>(null);
  const order = useMemo(
    () => (sort ? sortOrder(columns[sort.column], rows, sort.descending) : null),
    [sort, columns, rows],
  );

  useEffect(() => {
    const element = scroller.current!;
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight || maxHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [maxHeight]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const visible: number[] = [];
  for (let i = first; i < last; i++) visible.push(i);

  const toggleSort = (column: number) =>
    setSort((s) =>
      s?.column !== column
        ? { column, descending: false }
        : s.descending
          ? null
          : { column, descending: true },
    );

  return (
    <div className="data-table-wrap">
      <div
        ref={scroller}
        className="data-table-scroller"
        style={{ maxHeight }}
        tabIndex={0}
        role="region"
        aria-label={`${label}: ${totalRows.toLocaleString()} rows`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <table className="data-table" aria-rowcount={rows + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="row-number">
                #
              </th>
              {columns.map((c, i) => (
                <th
                  key={c.name + i}
                  scope="col"
                  aria-sort={sort?.column === i ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button type="button" onClick={() => toggleSort(i)} title={`Sort by ${c.name}`}>
                    {c.name} <span className="dtype">{c.dtype}</span>
                    <span aria-hidden="true">
                      {sort?.column === i ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && (
              <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }}>
                <td colSpan={columns.length + 1} />
              </tr>
            )}
            {visible.map((i) => {
              const row = order ? order[i] : i;
              return (
                <tr key={i} aria-rowindex={i + 2} style={{ height: ROW_HEIGHT }}>
                  <td className="row-number">{row}</td>
                  {columns.map((c, j) => (
                    <td key={j} className={c.dtype === 'number' ? 'num' : undefined}>
                      {formatCell(cellValue(c, row))}
                    </td>
                  ))}
                </tr>
              );
            })}
            {last < rows && (
              <tr aria-hidden="true" style={{ height: (rows - last) * ROW_HEIGHT }}>
                <td colSpan={columns.length + 1} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {rows < totalRows && (
        <p className="muted small">
          Showing the first {rows.toLocaleString()} of {totalRows.toLocaleString()} rows; the download has
          these rows.
        </p>
      )}
    </div>
  );
}
