import type { ReactNode } from 'react';
import { useId } from 'react';

/**
 * A chart with its numbers: the picture for the eye (hidden from screen readers, which read the
 * same figures as a table instead), one caption naming both.
 */
export function ChartFigure({
  title,
  note,
  columns,
  rows,
  empty,
  children,
}: {
  title: string;
  note?: string;
  /** The table's column headers; the first names each row. */
  columns: string[];
  rows: (string | number)[][];
  /** Said instead of an empty picture (and its table) when there is nothing to draw. */
  empty?: string | false;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        <strong>{title}</strong>
        {note && <span className="muted small"> · {note}</span>}
      </figcaption>
      {empty ? (
        <p className="muted chart-empty">{empty}</p>
      ) : (
        <>
          <div className="chart-picture" aria-hidden="true">
            {children}
          </div>
          <NumbersTable title={title} columns={columns} rows={rows} />
        </>
      )}
    </figure>
  );
}

function NumbersTable({ title, columns, rows }: { title: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <table className="visually-hidden">
      <caption>{title}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([head, ...cells]) => (
          <tr key={String(head)}>
            <th scope="row">{head}</th>
            {cells.map((c, i) => (
              <td key={columns[i + 1]}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
