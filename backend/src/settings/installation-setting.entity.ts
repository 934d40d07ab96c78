import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Facts about the installation itself that no tenant owns, one JSON value per key (e.g. `demo`:
 * which tenant and bot the first start seeded, so later starts touch that bot and no other).
 */
@Entity('installation_settings')
export class InstallationSetting {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_installation_settings_key' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
