import type {
  Driver,
  Interpreter,
  InterpreterBooking,
  Vehicle,
  VehicleTrip,
} from '@shared/bookings';
import type { BridgeheadDatabase } from '../../../src-renderer/src/data/db';

/** The renderApp laptop works as HQ (Asia/Seoul, UTC+9, no DST). */
export const OFFICE = 'hq';
export const ZONE = 'Asia/Seoul';
export const DAY = '2025-03-10';

export const driver: Driver = {
  id: 'drv-1',
  officeId: OFFICE,
  name: { native: '김민수', latin: 'KIM Minsu', script: 'hangul' },
  phone: '+82 10 1234 5678',
  messengers: [{ kind: 'KakaoTalk', handle: 'minsu.kim' }],
  active: true,
};

export const van: Vehicle = {
  id: 'van-1',
  officeId: OFFICE,
  plate: 'GN-VAN-1',
  model: 'Hyundai Staria',
  seats: 9,
  defaultDriverId: driver.id,
  turnaroundBufferMinutes: 15,
  active: true,
};

export const interpreter: Interpreter = {
  id: 'int-1',
  officeId: OFFICE,
  name: { native: '山田花子', latin: 'YAMADA Hanako', script: 'japanese' },
  languagePairs: ['ko-ja'],
  phone: '+81 90 1111 2222',
  messengers: [{ kind: 'LINE', handle: 'hanako' }],
  active: true,
};

/** 09:00-10:00 Seoul on DAY = 00:00-01:00 UTC. */
export const morningTrip: VehicleTrip = {
  id: 'trip-morning',
  kind: 'vehicle',
  officeId: OFFICE,
  timeZone: ZONE,
  start: '2025-03-10T00:00:00.000Z',
  end: '2025-03-10T01:00:00.000Z',
  purpose: 'delegation',
  status: 'confirmed',
  vehicleId: van.id,
  driverId: driver.id,
  pickUp: { address: '창원시 의창구 중앙대로 300' },
  dropOff: { address: '김해국제공항 국내선' },
  passengers: 4,
  passengerNames: ['박지성'],
  requester: { kind: 'delegation', label: 'Gyeongnam trade mission' },
};

export const talkBooking: InterpreterBooking = {
  id: 'ib-1',
  kind: 'interpreter',
  officeId: OFFICE,
  timeZone: ZONE,
  start: '2025-03-10T05:00:00.000Z',
  end: '2025-03-10T07:00:00.000Z',
  purpose: 'trade-talk',
  status: 'tentative',
  interpreterId: interpreter.id,
  location: '창원컨벤션센터 3층',
};

export async function seed(db: BridgeheadDatabase, trips: VehicleTrip[] = [morningTrip]) {
  await db.table('drivers').put(driver);
  await db.table('vehicles').put(van);
  await db.table('interpreters').put(interpreter);
  await db.table('interpreterBookings').put(talkBooking);
  for (const trip of trips) await db.table('vehicleTrips').put(trip);
}
