import 'server-only';
// Registers label_batch with the application's job registry (imported where batches are
// enqueued or run), with the configured Shippo client.
import { jobRegistry } from '@/lib/jobs/registry';
import { registerLabelBatch } from './batch';
import { configuredShippo } from './client';

registerLabelBatch(jobRegistry, () => configuredShippo());

export { jobRegistry };
