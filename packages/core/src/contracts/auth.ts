import { z } from 'zod';
import { RegionCode, Uuid } from './common';

export const SessionStage = z.enum(['full', 'password_change', 'mfa_enroll']);
export type SessionStage = z.infer<typeof SessionStage>;

export const LoginRequest = z.object({
  username: z.string().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
  totp_code: z
    .string()
    .regex(/^\d{6}$/, '动态验证码应为6位数字')
    .optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z
  .object({
    id: Uuid,
    username: z.string(),
    display_name: z.string(),
    org: z.object({
      id: Uuid,
      name: z.string(),
      type: z.string(),
      region_code: RegionCode,
      region_name: z.string(),
    }),
    roles: z.array(z.object({ code: z.string(), name: z.string() })),
    permissions: z.array(z.string()),
    session_stage: SessionStage,
    must_change_password: z.boolean(),
    mfa_enabled: z.boolean(),
    mfa_required: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({ user: Me });

export const ChangePasswordRequest = z.object({
  current_password: z.string().min(1, '请输入当前密码').max(256),
  new_password: z.string().min(1, '请输入新密码').max(256),
});

export const TotpSetupResponse = z.object({ secret: z.string(), otpauth_url: z.string() });
export const TotpCodeRequest = z.object({ code: z.string().regex(/^\d{6}$/, '动态验证码应为6位数字') });
