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
  return email ? <span>{email}</span> : <span className="text-ink-muted">Former member</span>;
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
          <TH className="hidden sm:table-cell">Time</TH>
          <TH className="hidden sm:table-cell">Who</TH>
          <TH>What happened</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.id} data-testid="audit-row">
            <TD className="hidden whitespace-nowrap text-ink-muted tabular-nums sm:table-cell">{formatDateTime(row.createdAt, { timeZone })}</TD>
            <TD className="hidden sm:table-cell">
              <Actor row={row} emails={names.emails} />
            </TD>
            <TD>
              <Sentence row={row} names={names} />
              {/* On a phone the time and the actor go under the sentence instead of their own columns. */}
              <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-ink-muted sm:hidden">
                <span className="tabular-nums">{formatDateTime(row.createdAt, { timeZone })}</span>
                <span className="min-w-0 break-words [overflow-wrap:anywhere]">
                  <Actor row={row} emails={names.emails} />
                </span>
              </span>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
