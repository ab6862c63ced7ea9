export { createUserService, principalToActor, passwordProblems, type UserService } from './users.service';
export type { Principal } from './users.repository';
export { userRoutes } from './users.routes';
