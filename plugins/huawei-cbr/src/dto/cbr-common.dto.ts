/** Shapes shared by several CBR calls, in the vendor's own words (API Reference 2021-09-30). */

/** `resource_type` / `type` of protected objects. */
export type CbrResourceType = 'OS::Nova::Server' | 'OS::Cinder::Volume' | 'OS::Sfs::Turbo';

/** Every error body of CBR (and of the API gateway in front of it, which adds `request_id`). */
export interface CbrErrorBody {
  error_code: string;
  error_msg: string;
  request_id?: string;
}

/** Offset paging envelope fields; `count` is the total number of matches, not the page length. */
export interface CbrOffsetPage {
  count: number;
  limit?: number;
  offset?: number;
}
