import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { ApiProblems, AUTHENTICATED_PROBLEMS, VENDOR_PROBLEMS } from '../common/api-problems.decorator';
import { ViewQueryDto } from '../lists/list-query.dto';
import { JobListQueryDto, JobListResponseDto, JobResponseDto } from './jobs.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('v1/jobs')
@RequireRole('viewer')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'List the vendors’ own records of runs (scheduled or not) across every connection' })
  @ApiOkResponse({ type: JobListResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  list(@Query() query: JobListQueryDto): Promise<JobListResponseDto> {
    return this.jobs.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a job' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  get(@Param('id') id: string, @Query() query: ViewQueryDto): Promise<JobResponseDto> {
    return this.jobs.get(id, query.view);
  }
}
