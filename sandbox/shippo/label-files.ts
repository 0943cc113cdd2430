// GET /labels/{id}.{pdf|png|zpl}?Signature=…: label downloads. Like Shippo's pre-signed S3 links
// they need no API key but a valid signature, and errors come back as S3's XML.
import { renderPdf, renderPng, renderZpl, type LabelData } from './label';
import { labelExtension, labelSignature } from './transactions';
import type { World } from './world';

function s3Error(status: number, code: string, message: string): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>SANDBOX</RequestId><HostId>shippo-sandbox</HostId></Error>`;
  return new Response(body, { status, headers: { 'content-type': 'application/xml' } });
}

export async function getLabelFile(w: World, file: string, url: URL): Promise<Response> {
  const m = /^([0-9a-f]{32})\.(pdf|png|zpl)$/.exec(file);
  const sig = url.searchParams.get('Signature');
  if (!sig) return s3Error(403, 'AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  if (!m || sig !== labelSignature(w, m[1])) {
    return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
  const t = w.transactions.byId.get(m[1]);
  if (!t || t.settledAt === null || t.outcome.kind !== 'success' || !t.rate || labelExtension(t.labelFileType) !== m[2]) {
    return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
  }
  const rate = t.rate;
  const addr = (a: typeof rate.shipment.from) => {
    const f = a.validation.corrected;
    return { name: f.name, company: f.company, street1: f.street1, street2: f.street2, city: f.city, state: f.state, zip: f.zip };
  };
  const p = t.parcel.wire;
  const data: LabelData = {
    carrier: rate.wire.provider,
    service: rate.wire.servicelevel.name,
    trackingNumber: t.outcome.trackingNumber,
    from: addr(rate.shipment.from),
    to: addr(rate.shipment.to),
    weight: `${p.weight} ${p.mass_unit}`,
    shipDate: t.settledAt,
    reference: t.metadata,
    test: t.test,
    transactionId: t.id,
  };
  if (m[2] === 'pdf') {
    const bytes = await renderPdf(data, t.labelFileType);
    return new Response(new Uint8Array(bytes), { headers: { 'content-type': 'application/pdf' } });
  }
  if (m[2] === 'png') return new Response(new Uint8Array(renderPng(data)), { headers: { 'content-type': 'image/png' } });
  return new Response(renderZpl(data), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
