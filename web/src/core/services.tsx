import { createContext, useContext, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import { FileUrls } from '../files/fileUrls';
import { fetchUsersBatch } from '../users/api';
import { AvatarUrls } from '../users/avatarUrls';
import { UserDirectory } from '../users/UserDirectory';

/** The long-lived objects the whole app shares, made once per page load. */
export type Services = {
  api: ApiClient;
  users: UserDirectory;
  /** Minted file URLs, kept while they work. */
  files: FileUrls;
  /** Minted URLs of people's pictures, kept while they work. */
  avatars: AvatarUrls;
};

export function createServices(): Services {
  const api = new ApiClient();
  const users = new UserDirectory((ids) => fetchUsersBatch(api, ids));
  return { api, users, files: new FileUrls(api), avatars: new AvatarUrls(api) };
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
