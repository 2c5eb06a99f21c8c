export * from './composition';
export * from './backup/scheduled-backups.module';
export * from './backup/scheduled-backups.service';
export * from './demo/demo-seeder';
export * from './demo/demo-content.seeder';
