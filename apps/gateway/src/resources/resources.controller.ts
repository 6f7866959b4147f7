import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { ApiProblems, AUTHENTICATED_PROBLEMS, VENDOR_PROBLEMS } from '../common/api-problems.decorator';
import { ViewQueryDto } from '../lists/list-query.dto';
import { ResourceListQueryDto, ResourceListResponseDto, ResourceResponseDto } from './resources.dto';
import { ResourcesService } from './resources.service';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('v1/resources')
@RequireRole('viewer')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class ResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  @Get()
  @ApiOperation({ summary: 'List protected and protectable resources across every connection' })
  @ApiOkResponse({ type: ResourceListResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  list(@Query() query: ResourceListQueryDto): Promise<ResourceListResponseDto> {
    return this.resources.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a resource' })
  @ApiOkResponse({ type: ResourceResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  get(@Param('id') id: string, @Query() query: ViewQueryDto): Promise<ResourceResponseDto> {
    return this.resources.get(id, query.view);
  }
}
