import Link from 'next/link';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { Badge } from '@/components/ui/Badge';
import { formatDateTime } from '@/components/ui/format';
import type { AuditRow } from '@/lib/audit/trail';
import { describeAudit, type AuditNames } from './describe';

function Actor({ row, emails }: { row: AuditRow; emails: Map<string, string> }) {
  if (row.actorType === 'system') return <Badge tone="neutral">System</Badge>;
  if (row.actorType === 'marketplace') return <Badge tone="info">Marketplace</Badge>;
  const email = row.actorUserId ? emails.get(row.actorUserId) : undefined;
  return email ? <span className="break-all">{email}</span> : <span className="text-ink-muted">Former member</span>;
}

function Sentence({ row, names }: { row: AuditRow; names: AuditNames }) {
  return (
    <span className="break-words [overflow-wrap:anywhere]">
      {describeAudit(row, names).map((part, i) =>
        typeof part === 'string' ? (
          <span key={i}>{part}</span>
        ) : part.href ? (
          <Link key={i} href={part.href} className="font-medium text-accent hover:underline">
            {part.text}
          </Link>
        ) : (
          <span key={i} className="font-medium">
            {part.text}
          </span>
        ),
      )}
    </span>
  );
}

export function AuditTable({ rows, names, timeZone }: { rows: AuditRow[]; names: AuditNames; timeZone: string }) {
  return (
    <Table>
      <caption className="sr-only">Audit events, newest first</caption>
      <THead>
        <tr>
          <TH>Time</TH>
          <TH>Who</TH>
          <TH>What happened</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.id} data-testid="audit-row">
            <TD className="whitespace-nowrap text-ink-muted tabular-nums">{formatDateTime(row.createdAt, { timeZone })}</TD>
            <TD>
              <Actor row={row} emails={names.emails} />
            </TD>
            <TD className="min-w-64">
              <Sentence row={row} names={names} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
