/** `models.PaginatedResult-models_X`: `pagination` is null (or absent) on the last page. */
export interface PdsPaginatedResult<T> {
  data: T[];
  pagination?: { continuation?: string } | null;
}

/** Unpaginated lists (e.g. `GET /api/backups/{id}/jobs`) answer `{ data }` only. */
export interface PdsDataList<T> {
  data: T[];
}

/** `POST /service-identity/generate-token` response. */
export interface PdsGeneratedToken {
  token: string;
  /** A Go duration such as "24h0m0s" (format undocumented). */
  valid_for: string;
}

/** `controllers.WhoAmIResponse`. */
export interface PdsWhoAmI {
  service_account?: { id: string; name: string };
  service_identity?: { id: string; name: string; account_id: string };
  user?: { id: string; email: string };
}

export interface PdsProject {
  id: string;
  name: string;
  tenant_id: string;
  account_id: string;
  created_at: string;
  updated_at: string;
}

/** `models.DataService` (only the fields the plugin reads). */
export interface PdsDataService {
  id: string;
  name: string;
  short_name?: string;
  has_full_backup?: boolean;
  has_incremental_backup?: boolean;
}
