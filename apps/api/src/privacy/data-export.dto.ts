import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AuditRecord,
  EmployerDataExport,
  EmployerRecord,
  NeedDataExport,
  NeedRecord,
} from '@km/privacy';

// The export is the stored data as it is; these classes document its shape in OpenAPI.

class ExportedEmployerDto implements EmployerRecord {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: '5560360793' }) readonly orgNumber: string;
  @ApiProperty() readonly name: string;
  @ApiProperty({ example: '1885' }) readonly municipalityCode: string;
  @ApiProperty({ example: 'C' }) readonly sniSection: string;
  @ApiProperty() readonly employees: number;
  @ApiProperty({ example: '10-49' }) readonly sizeBand: string;
  @ApiProperty() readonly createdAt: string;
  @ApiProperty() readonly updatedAt: string;
}

class ExportedContactDto {
  @ApiProperty() readonly name: string;
  @ApiProperty() readonly email: string;
  @ApiProperty({ nullable: true, type: String }) readonly phone: string | null;
  @ApiProperty() readonly createdAt: string;
}

class ExportedNotificationDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly template: string;
  @ApiProperty() readonly recipient: string;
  @ApiProperty() readonly subject: string;
  @ApiProperty() readonly body: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) readonly status: string;
  @ApiProperty() readonly createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readonly sentAt: string | null;
}

class ExportedProposalRefDto {
  @ApiProperty() readonly proposalId: string;
  @ApiProperty() readonly kind: string;
  @ApiProperty() readonly status: string;
  @ApiProperty() readonly createdAt: string;
}

class ExportedRejectionDto {
  @ApiProperty({ format: 'uuid' }) readonly offeringId: string;
  @ApiProperty() readonly rejectedAt: string;
}

class ExportedSubmittedEmployerDto {
  @ApiProperty() readonly name: string;
  @ApiProperty() readonly municipalityCode: string;
  @ApiProperty() readonly sniSection: string;
  @ApiProperty() readonly employees: number;
  @ApiProperty() readonly sizeBand: string;
}

class ExportedInitiativeRefDto {
  @ApiProperty({ format: 'uuid' }) readonly initiativeId: string;
  @ApiProperty() readonly title: string;
  @ApiProperty() readonly status: string;
  @ApiProperty() readonly committed: boolean;
}

class ExportedParticipantsDto {
  @ApiProperty() readonly total: number;
  @ApiProperty() readonly women: number;
  @ApiProperty() readonly men: number;
}

class ExportedCompetenceDto {
  @ApiProperty() readonly id: string;
  @ApiProperty() readonly label: string;
}

class ExportedNeedDto implements NeedRecord {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly status: string;
  @ApiProperty() readonly title: string;
  @ApiProperty() readonly description: string;
  @ApiProperty() readonly municipalityCode: string;
  @ApiProperty() readonly countyCode: string;
  @ApiProperty({ type: ExportedParticipantsDto }) readonly participants: ExportedParticipantsDto;
  @ApiProperty() readonly earliestStart: string;
  @ApiProperty() readonly latestEnd: string;
  @ApiProperty({ type: [String] }) readonly deliveryModes: string[];
  @ApiProperty() readonly maxTravelKm: number;
  @ApiProperty({ nullable: true, type: Number }) readonly maxCostPerParticipantSek: number | null;
  @ApiProperty() readonly language: string;
  @ApiProperty() readonly createdAt: string;
  @ApiProperty() readonly updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) readonly withdrawnAt: string | null;
  @ApiProperty({ type: [ExportedCompetenceDto] }) readonly competences: ExportedCompetenceDto[];
  @ApiPropertyOptional({
    type: ExportedContactDto,
    nullable: true,
    description: 'The contact person; null once erased (withdrawal or retention period)',
  })
  readonly contact: ExportedContactDto | null;
  @ApiProperty({ type: [ExportedNotificationDto], description: 'E-mails written to the contact' })
  readonly notifications: ExportedNotificationDto[];
  @ApiProperty({
    description:
      'Whether a sealed copy of the tracking token is kept for e-mail links (never exported)',
  })
  readonly trackingLinkStored: boolean;
  @ApiProperty({ type: [ExportedProposalRefDto] }) readonly proposals: ExportedProposalRefDto[];
  @ApiProperty({ type: [ExportedRejectionDto] }) readonly rejections: ExportedRejectionDto[];
  @ApiProperty({
    type: ExportedSubmittedEmployerDto,
    nullable: true,
    description: 'The employer details as given with this need',
  })
  readonly submittedEmployer: ExportedSubmittedEmployerDto | null;
  @ApiProperty({ type: [ExportedInitiativeRefDto] })
  readonly initiatives: ExportedInitiativeRefDto[];
}

class ExportedAuditEntryDto implements AuditRecord {
  @ApiProperty() readonly id: string;
  @ApiProperty({ nullable: true, type: String }) readonly actorRole: string | null;
  @ApiProperty({ example: 'proposal.approve' }) readonly action: string;
  @ApiProperty() readonly entityType: string;
  @ApiProperty() readonly entityId: string;
  @ApiProperty() readonly createdAt: string;
}

export class EmployerDataExportDto implements EmployerDataExport {
  @ApiProperty() readonly exportedAt: string;
  @ApiProperty({ type: ExportedEmployerDto }) readonly employer: ExportedEmployerDto;
  @ApiProperty({ type: [ExportedNeedDto] }) readonly needs: ExportedNeedDto[];
  @ApiProperty({
    type: [ExportedAuditEntryDto],
    description:
      'What was done about the employer or its needs (action, record, when, staff role); no staff notes',
  })
  readonly auditEntries: ExportedAuditEntryDto[];
}

export class NeedDataExportDto implements NeedDataExport {
  @ApiProperty() readonly exportedAt: string;
  @ApiProperty({ type: ExportedEmployerDto }) readonly employer: ExportedEmployerDto;
  @ApiProperty({ type: ExportedNeedDto }) readonly need: ExportedNeedDto;
  @ApiProperty({ type: [ExportedAuditEntryDto] }) readonly auditEntries: ExportedAuditEntryDto[];
}
