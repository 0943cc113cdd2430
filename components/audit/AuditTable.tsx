import Link from 'next/link';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { Badge } from '@/components/ui/Badge';
import { formatDateTime } from '@/components/ui/format';
import type { AuditRow } from '@/lib/audit/trail';
import { actionLabel, detailsSummary } from './describe';

function Actor({ row, emails }: { row: AuditRow; emails: Map<string, string> }) {
  if (row.actorType === 'system') return <Badge tone="neutral">System</Badge>;
  if (row.actorType === 'marketplace') return <Badge tone="info">Marketplace</Badge>;
  const email = row.actorUserId ? emails.get(row.actorUserId) : undefined;
  return email ? <span>{email}</span> : <span className="text-ink-muted">Former member</span>;
}

function Target({ row, emails }: { row: AuditRow; emails: Map<string, string> }) {
  const { targetType: type, targetId: id } = row;
  if (!type) return <span className="text-ink-faint">—</span>;
  if (type === 'user' && id) return <span>{emails.get(id) ?? <span className="text-ink-muted">Former member</span>}</span>;
  if (type === 'organization') return <span>Organization</span>;
  if (type === 'order' && id) {
    return (
      <Link href={`/orders/${id}`} className="font-medium text-accent hover:underline">
        Order
      </Link>
    );
  }
  return (
    <span>
      {type.replace(/_/g, ' ')}
      {id ? <span className="ml-1 font-mono text-xs text-ink-muted">{id.slice(0, 8)}</span> : null}
    </span>
  );
}

export function AuditTable({ rows, emails }: { rows: AuditRow[]; emails: Map<string, string> }) {
  return (
    <Table>
      <caption className="sr-only">Audit events, newest first</caption>
      <THead>
        <tr>
          <TH>Time</TH>
          <TH>Actor</TH>
          <TH>Action</TH>
          <TH>Target</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => {
          const summary = detailsSummary(row.action, row.details);
          return (
            <TR key={row.id} data-testid="audit-row">
              <TD className="whitespace-nowrap text-ink-muted tabular-nums">{formatDateTime(row.createdAt)}</TD>
              <TD>
                <Actor row={row} emails={emails} />
              </TD>
              <TD>
                <span className="font-medium">{actionLabel(row.action)}</span>
                {summary ? <span className="ml-2 text-ink-muted">{summary}</span> : null}
              </TD>
              <TD>
                <Target row={row} emails={emails} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
