import { ApiProperty } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';

export class UnreachableDto {
  @ApiProperty({ format: 'uuid' })
  connection: string;

  @ApiProperty({ example: 'huawei-cbr' })
  provider: string;

  @ApiProperty({ type: ProblemDto, description: 'Why it could not be listed.' })
  error: ProblemDto;

  @ApiProperty({
    description:
      'True once the connection failed on 3 pages of this walk in a row: the following pages go on without it (start the walk again to include it). False: the next page tries it again, from where it stopped.',
  })
  leftOut: boolean;
}

/** Declares a list response class for Swagger: `{ items, nextPageToken, unreachable }`. */
export function ListResponseDto<T>(item: new () => T, name: string) {
  class ListResponse {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `pageToken` for the next page; null on the last page.' })
    nextPageToken: string | null;

    @ApiProperty({ type: [UnreachableDto], description: 'Connections that failed or timed out; the rest still answered.' })
    unreachable: UnreachableDto[];
  }
  Object.defineProperty(ListResponse, 'name', { value: name });
  return ListResponse;
}
