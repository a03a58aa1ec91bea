import type { Role } from '../../api/types';
import type { MessageKey } from '../../app/messages';

export const ROLE_KEYS: Record<Role, MessageKey> = {
  ADMIN: 'role.ADMIN',
  MANAGER: 'role.MANAGER',
  REVIEWER: 'role.REVIEWER',
  LABELER: 'role.LABELER',
  TRAINEE: 'role.TRAINEE',
};

export function roleLabel(t: (k: MessageKey) => string, role: string): string {
  return role in ROLE_KEYS ? t(ROLE_KEYS[role as Role]) : role;
}
