import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems, AUTHENTICATED_PROBLEMS } from '../common/api-problems.decorator';
import { Idempotent } from '../common/idempotency.interceptor';
import { uuidPipe } from '../common/uuid.pipe';
import { ConnectionCreateDto, ConnectionResponseDto, ConnectionUpdateDto, ConnectionWriteQueryDto } from './connections.dto';
import { ConnectionsService, toConnectionResponse } from './connections.service';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('v1/connections')
@RequireRole('admin')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request safely: the same key and body within 24 h return the first answer.' })
  @ApiOperation({
    summary: 'Create a connection to a vendor account',
    description: "`config` and `credentials` are checked against the provider's connectionSchema, then live against the vendor unless `validate=false`. Nothing is stored when either check fails.",
  })
  @ApiCreatedResponse({ type: ConnectionResponseDto })
  @ApiProblems(404, 409, 422, 502, 504)
  async create(@Body() body: ConnectionCreateDto, @Query() query: ConnectionWriteQueryDto, @CurrentPrincipal() principal: Principal): Promise<ConnectionResponseDto> {
    return toConnectionResponse(await this.connections.create(body, principal, query.validate ?? true));
  }

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'List connections (credentials are never returned)' })
  @ApiOkResponse({ type: [ConnectionResponseDto] })
  async list(): Promise<ConnectionResponseDto[]> {
    return (await this.connections.list()).map(toConnectionResponse);
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Get a connection' })
  @ApiOkResponse({ type: ConnectionResponseDto })
  @ApiProblems(404)
  async get(@Param('id', uuidPipe('id')) id: string): Promise<ConnectionResponseDto> {
    return toConnectionResponse(await this.connections.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a connection (name, endpoint, region, config, or replace the credentials)' })
  @ApiOkResponse({ type: ConnectionResponseDto })
  @ApiProblems(404, 409, 422, 502, 504)
  async update(
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: ConnectionUpdateDto,
    @Query() query: ConnectionWriteQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ConnectionResponseDto> {
    return toConnectionResponse(await this.connections.update(id, body, principal, query.validate ?? true));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a connection (refused while one of its operations runs)' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(404, 409)
  async remove(@Param('id', uuidPipe('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.connections.remove(id, principal);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check the connection live against the vendor and record the outcome in `status`' })
  @ApiOkResponse({ type: ConnectionResponseDto })
  @ApiProblems(404, 409)
  async test(@Param('id', uuidPipe('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<ConnectionResponseDto> {
    return toConnectionResponse(await this.connections.test(id, principal));
  }
}
