// Wire shapes (snake_case, as Shippo sends them) and the simulator's internal records. Wire
// objects are stored as sent, so what a GET returns is exactly what the POST answered.

export type Json = Record<string, unknown>;

export interface ValidationMessage {
  source: string;
  code: string;
  type: string;
  text: string;
}

/** The address as a person gives it. */
export interface AddressFields {
  name: string;
  company: string;
  street1: string;
  street2: string;
  street3: string;
  street_no: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string;
  email: string;
}

export interface AddressWire extends AddressFields {
  object_id: string;
  object_created: string;
  object_updated: string;
  object_owner: string;
  is_complete: boolean;
  is_residential: boolean | null;
  metadata: string;
  latitude?: number;
  longitude?: number;
  test: boolean;
  validation_results: { is_valid?: boolean; messages?: ValidationMessage[] };
}

export interface ParcelWire {
  object_id: string;
  object_created: string;
  object_updated: string;
  object_owner: string;
  object_state: 'VALID';
  length: string;
  width: string;
  height: string;
  distance_unit: string;
  weight: string;
  mass_unit: string;
  template?: string;
  metadata: string;
  extra: Json;
  test: boolean;
}

export interface ResponseMessage {
  source: string;
  code: string;
  text: string;
}

export interface ServiceLevelWire {
  name: string;
  terms: string;
  token: string;
  extended_token: string;
  parent_servicelevel: null;
}

export interface RateWire {
  object_id: string;
  object_created: string;
  object_owner: string;
  shipment: string;
  attributes: Array<'CHEAPEST' | 'FASTEST' | 'BESTVALUE'>;
  amount: string;
  currency: string;
  amount_local: string;
  currency_local: string;
  provider: string;
  provider_image_75: string;
  provider_image_200: string;
  servicelevel: ServiceLevelWire;
  estimated_days: number;
  arrives_by: null;
  duration_terms: string;
  messages: ResponseMessage[];
  carrier_account: string;
  test: boolean;
  zone: string;
  included_insurance_price: null;
}

export type ShipmentStatus = 'WAITING' | 'QUEUED' | 'SUCCESS' | 'ERROR';

export interface ShipmentWire {
  object_id: string;
  object_created: string;
  object_updated: string;
  object_owner: string;
  status: ShipmentStatus;
  address_from: AddressWire;
  address_to: AddressWire;
  address_return: AddressWire;
  parcels: ParcelWire[];
  shipment_date: string;
  extra: Json;
  customs_declaration: null;
  carrier_accounts: string[];
  metadata: string;
  messages: ResponseMessage[];
  rates: RateWire[];
  test: boolean;
}

export type TransactionStatus = 'WAITING' | 'QUEUED' | 'SUCCESS' | 'ERROR' | 'REFUNDED' | 'REFUNDPENDING' | 'REFUNDREJECTED';
export type TrackingStatusCode = 'UNKNOWN' | 'PRE_TRANSIT' | 'TRANSIT' | 'DELIVERED' | 'RETURNED' | 'FAILURE';
export type RefundStatus = 'QUEUED' | 'PENDING' | 'SUCCESS' | 'ERROR';

export interface LocationWire {
  city: string;
  state: string;
  zip: string;
  country: string;
}

export interface TrackingStatusWire {
  object_id: string;
  object_created: string;
  object_updated: string;
  status: TrackingStatusCode;
  substatus: { code: string; text: string; action_required: boolean } | null;
  status_details: string;
  status_date: string;
  location: LocationWire | null;
}
