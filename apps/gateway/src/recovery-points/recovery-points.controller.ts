import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems, AUTHENTICATED_PROBLEMS, VENDOR_PROBLEMS } from '../common/api-problems.decorator';
import { ViewQueryDto } from '../lists/list-query.dto';
import { RecoveryPointListQueryDto, RecoveryPointListResponseDto, RecoveryPointResponseDto, RestoreOptionsResponseDto } from './recovery-points.dto';
import { RecoveryPointsService } from './recovery-points.service';

@ApiTags('recovery-points')
@ApiBearerAuth()
@Controller('v1/recovery-points')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class RecoveryPointsController {
  constructor(private readonly recoveryPoints: RecoveryPointsService) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'List recovery points (backups) across every connection, newest first by default' })
  @ApiOkResponse({ type: RecoveryPointListResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  list(@Query() query: RecoveryPointListQueryDto): Promise<RecoveryPointListResponseDto> {
    return this.recoveryPoints.list(query);
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Get a recovery point' })
  @ApiOkResponse({ type: RecoveryPointResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  get(@Param('id') id: string, @Query() query: ViewQueryDto): Promise<RecoveryPointResponseDto> {
    return this.recoveryPoints.get(id, query.view);
  }

  @Delete(':id')
  @RequireRole('operator')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a recovery point at the vendor' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(...VENDOR_PROBLEMS)
  remove(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.recoveryPoints.remove(id, principal);
  }

  @Get(':id/restore-options')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'What a restore of this recovery point accepts: JSON Schemas of `target` and `options`, with defaults' })
  @ApiOkResponse({ type: RestoreOptionsResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  restoreOptions(@Param('id') id: string): Promise<RestoreOptionsResponseDto> {
    return this.recoveryPoints.restoreOptions(id);
  }
}
