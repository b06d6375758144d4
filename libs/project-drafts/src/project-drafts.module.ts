import { Module } from '@nestjs/common';
import { LivingDraftWriter } from './living-draft.writer';

/** ESF project drafts: the living draft per county × theme (needs the global ConfigModule). */
@Module({
  providers: [LivingDraftWriter],
  exports: [LivingDraftWriter],
})
export class ProjectDraftsModule {}
