-- Anonymizing a buyer also clears what shipping kept that can point at them: the carrier's free
-- text on each tracking scan (it may name who signed, or where the parcel was left) and the
-- Shippo label URL (the label PDF prints the buyer's name and address). Status, dates, carrier,
-- tracking number and cost stay, for reports. A statement trigger on order_buyers, so every way
-- of anonymizing (the retention job, eBay's account deletion, disconnecting an account) does it
-- in the same statement's transaction, in bounded batches as the callers already make them.
create or replace function private.anonymize_shipping_of_buyers() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  gone uuid[];
begin
  select array_agg(n.order_id) into gone
    from new_rows n join old_rows o on o.order_id = n.order_id
   where o.anonymized_at is null and n.anonymized_at is not null;
  if gone is null then
    return null;
  end if;
  update public.shipment_tracking_events e set details = null
    from public.shipments s
   where s.id = e.shipment_id and s.order_id = any (gone) and e.details is not null;
  update public.shipments s set label_url = null
   where s.order_id = any (gone) and s.label_url is not null;
  return null;
end $$;
revoke all on function private.anonymize_shipping_of_buyers() from public, anon, authenticated;

drop trigger if exists order_buyers_anonymize_shipping on public.order_buyers;
create trigger order_buyers_anonymize_shipping after update on public.order_buyers
  referencing new table as new_rows old table as old_rows
  for each statement execute function private.anonymize_shipping_of_buyers();
