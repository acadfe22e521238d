/** The workstation's data table: scrolling wrapper, a caption for screen readers, scoped column headers. */
import type { ReactNode } from 'react';

/** Props of DataTable: `columns` are the header cells' contents, `children` the body rows. */
export interface DataTableProps {
  caption: string;
  columns: ReactNode[];
  children: ReactNode;
}

/** One table shape for sources, channels and the alert outbox (same markup, same accessibility). */
export function DataTable({ caption, columns, children }: DataTableProps) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
