import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems, AUTHENTICATED_PROBLEMS } from '../common/api-problems.decorator';
import { OperationListQueryDto, OperationListResponseDto, OperationResponseDto } from './operations.dto';
import { OperationsService, toOperationResponse } from './operations.service';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/operations')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'List the work the gateway started (backups, restores), newest first' })
  @ApiOkResponse({ type: OperationListResponseDto })
  list(@Query() query: OperationListQueryDto): Promise<OperationListResponseDto> {
    return this.operations.list(query);
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Get an operation, brought up to date from the vendor while it runs' })
  @ApiOkResponse({ type: OperationResponseDto })
  @ApiProblems(404)
  // A malformed id names no operation: 404, like an unknown one (the service checks the form).
  async get(@Param('id') id: string): Promise<OperationResponseDto> {
    return toOperationResponse(await this.operations.get(id));
  }

  @Post(':id/cancel')
  @RequireRole('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the vendor to cancel the work: the status moves to cancelling, then cancelled' })
  @ApiOkResponse({ type: OperationResponseDto })
  @ApiProblems(404, 409, 501, 502, 504)
  async cancel(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<OperationResponseDto> {
    return toOperationResponse(await this.operations.cancel(id, principal));
  }
}
