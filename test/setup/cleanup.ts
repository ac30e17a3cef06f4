// After each test file: remove the temp dirs its tests made with tempDir().
import { removeTempDirs } from '../util/tmp';

afterAll(removeTempDirs);
