-- A tracking push whose job dies without its handler's last word (the worker stopped during the
-- final attempt, and the claim marked the job dead) must not leave the package "Sending…"
-- forever: it becomes failed, with a message and the person's Retry, exactly as a push the
-- handler gave up on. A trigger, so every path that kills a push job (the claim's reaper, an
-- operator's manual update) is covered.
create or replace function private.fail_push_of_dead_job() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  failed_id uuid;
begin
  update public.shipments
     set tracking_push_status = 'failed',
         tracking_push_error = 'ESM stopped while sending this tracking number (' || new.attempts || ' attempts). Use Retry to send it again.'
   where id = (new.payload->>'shipmentId')::uuid
     and org_id = new.org_id
     and tracking_push_status = 'pending'
  returning id into failed_id;
  if failed_id is not null then
    insert into public.audit_events (org_id, actor_type, action, target_type, target_id, details)
    values (new.org_id, 'system', 'shipment.tracking_push_failed', 'shipment', failed_id::text, '{"reason":"worker_stopped"}');
  end if;
  return null;
end $$;
revoke all on function private.fail_push_of_dead_job() from public;

drop trigger if exists jobs_push_dead on public.jobs;
create trigger jobs_push_dead
  after update of status on public.jobs
  for each row
  when (new.kind = 'tracking_push' and new.status = 'dead' and old.status is distinct from 'dead')
  execute function private.fail_push_of_dead_job();
