import { describe, expect, it } from 'vitest';
import {
  chooseFormat,
  esclToCapabilities,
  settingsFor,
  statusError,
} from '../../../electron/station/devices/scanner/escl/escl-settings.js';
import {
  canonicalScannerId,
  esclBaseUrl,
  jobUrl,
} from '../../../electron/station/devices/scanner/escl/escl-url.js';
import {
  parseCapabilities,
  parseScanSettings,
  parseStatus,
  scanSettingsXml,
} from '../../../electron/station/devices/scanner/escl/escl-xml.js';
import { parseScanProfile } from '../../../electron/station/devices/scanner/profile.js';

// As a device that declares eSCL as the default namespace and uses another prefix for PWG.
const CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<ScannerCapabilities xmlns="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:p="http://www.pwg.org/schemas/2010/12/sm">
  <p:Version>2.6</p:Version>
  <p:MakeAndModel>ACME ScanJet 9000</p:MakeAndModel>
  <p:SerialNumber>SN1</p:SerialNumber>
  <Platen><PlatenInputCaps>
    <MinWidth>16</MinWidth><MaxWidth>2550</MaxWidth><MinHeight>16</MinHeight><MaxHeight>3508</MaxHeight>
    <SettingProfiles><SettingProfile>
      <ColorModes><ColorMode>RGB24</ColorMode><ColorMode>Grayscale8</ColorMode></ColorModes>
      <DocumentFormats><p:DocumentFormat>image/jpeg</p:DocumentFormat><p:DocumentFormat>application/pdf</p:DocumentFormat></DocumentFormats>
      <SupportedResolutions><DiscreteResolutions>
        <DiscreteResolution><XResolution>300</XResolution><YResolution>300</YResolution></DiscreteResolution>
        <DiscreteResolution><XResolution>150</XResolution><YResolution>150</YResolution></DiscreteResolution>
        <DiscreteResolution><XResolution>600</XResolution><YResolution>300</YResolution></DiscreteResolution>
      </DiscreteResolutions></SupportedResolutions>
    </SettingProfile></SettingProfiles>
  </PlatenInputCaps></Platen>
  <Adf><AdfSimplexInputCaps>
    <MinWidth>16</MinWidth><MaxWidth>2550</MaxWidth><MinHeight>16</MinHeight><MaxHeight>4200</MaxHeight>
    <SettingProfiles><SettingProfile>
      <ColorModes><ColorMode>BlackAndWhite1</ColorMode></ColorModes>
      <DocumentFormats><p:DocumentFormat>image/png</p:DocumentFormat><DocumentFormatExt>image/png</DocumentFormatExt></DocumentFormats>
      <SupportedResolutions><ResolutionRange><XResolution><Min>100</Min><Max>600</Max><Step>50</Step></XResolution></ResolutionRange></SupportedResolutions>
    </SettingProfile></SettingProfiles>
  </AdfSimplexInputCaps></Adf>
</ScannerCapabilities>`;

describe('eSCL capabilities', () => {
  it('parses inputs whatever the namespace prefixes', () => {
    const caps = parseCapabilities(CAPS);
    expect(caps).toMatchObject({ version: '2.6', makeAndModel: 'ACME ScanJet 9000', serialNumber: 'SN1' });
    expect(caps.platen).toMatchObject({
      maxWidth: 2550,
      maxHeight: 3508,
      colorModes: ['RGB24', 'Grayscale8'],
      formats: ['image/jpeg', 'application/pdf'],
      formatExt: false,
      resolutions: [150, 300],
    });
    expect(caps.adf).toMatchObject({
      colorModes: ['BlackAndWhite1'],
      formats: ['image/png'],
      formatExt: true,
      resolutions: [],
      resolutionRange: { min: 100, max: 600, step: 50 },
    });
    expect(esclToCapabilities(caps)).toEqual({
      sources: ['flatbed', 'adf'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [100, 150, 200, 240, 300, 400, 600],
      resolutionRange: { min: 100, max: 600, step: 50 },
      maxArea: { widthMm: 215.9, heightMm: 355.6 },
      formats: ['image/jpeg', 'application/pdf', 'image/png'],
    });
  });

  it('refuses documents that are not capabilities', () => {
    expect(() => parseCapabilities('<html/>')).toThrow(/ScannerCapabilities/);
    expect(() =>
      parseCapabilities('<ScannerCapabilities><Version>2.0</Version></ScannerCapabilities>'),
    ).toThrow(/neither a platen nor a document feeder/);
  });

  it('turns a profile into settings within the source', () => {
    const caps = parseCapabilities(CAPS);
    const platen = settingsFor(
      caps,
      parseScanProfile({ device: 'x', source: 'flatbed', mode: 'gray', resolution: 200, pageSize: 'a4' }),
    );
    expect(platen).toMatchObject({
      source: 'Platen',
      colorMode: 'Grayscale8',
      format: 'image/jpeg',
      resolution: 150,
      width: 2480,
      height: 3508,
    });
    const adf = settingsFor(
      caps,
      parseScanProfile({ device: 'x', source: 'adf', mode: 'lineart', resolution: 333, pageSize: 'legal' }),
    );
    expect(adf).toMatchObject({
      source: 'Feeder',
      colorMode: 'BlackAndWhite1',
      format: 'image/png',
      formatExt: true,
      resolution: 350,
      width: 2550,
      height: 4200,
      duplex: false,
    });
    expect(() =>
      settingsFor(
        caps,
        parseScanProfile({ device: 'x', source: 'adf', mode: 'color', resolution: 300, pageSize: 'a4' }),
      ),
    ).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });

  it('prefers lossless formats, and never JPEG for line-art when another is offered', () => {
    expect(chooseFormat('auto', 'color', ['image/jpeg', 'image/png'])).toBe('image/png');
    expect(chooseFormat('auto', 'color', ['application/pdf', 'image/jpeg'])).toBe('image/jpeg');
    expect(chooseFormat('auto', 'lineart', ['image/jpeg', 'application/pdf'])).toBe('application/pdf');
    expect(chooseFormat('jpeg', 'gray', ['image/jpeg'])).toBe('image/jpeg');
    expect(() => chooseFormat('pdf', 'gray', ['image/jpeg'])).toThrow(
      expect.objectContaining({ code: 'unsupported' }),
    );
  });
});

describe('eSCL settings and status', () => {
  it('writes ScanSettings in the eSCL and PWG namespaces and reads them back', () => {
    const xml = scanSettingsXml({
      version: '2.6',
      source: 'Feeder',
      colorMode: 'RGB24',
      format: 'image/jpeg',
      formatExt: true,
      resolution: 300,
      width: 2480,
      height: 3508,
      duplex: false,
    });
    expect(xml).toContain('xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"');
    expect(xml).toContain('xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"');
    expect(xml).toContain('<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>');
    expect(xml).toContain('<scan:Duplex>false</scan:Duplex>');
    expect(parseScanSettings(xml)).toEqual({
      source: 'Feeder',
      colorMode: 'RGB24',
      format: 'image/jpeg',
      resolution: 300,
      width: 2480,
      height: 3508,
    });
  });

  it('reads the feeder state and says what went wrong', () => {
    const status = (adf: string, state = 'Idle') =>
      parseStatus(`<scan:ScannerStatus xmlns:scan="s" xmlns:pwg="p"><pwg:State>${state}</pwg:State><scan:AdfState>${adf}</scan:AdfState>
      <scan:Jobs><scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/1</pwg:JobUri><pwg:JobState>Aborted</pwg:JobState><pwg:ImagesCompleted>2</pwg:ImagesCompleted>
      <pwg:JobStateReasons><pwg:JobStateReason>AbortedBySystem</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo></scan:Jobs></scan:ScannerStatus>`);
    const jam = status('ScannerAdfJam');
    expect(jam).toEqual({
      state: 'Idle',
      adfState: 'ScannerAdfJam',
      jobs: [{ uri: '/eSCL/ScanJobs/1', state: 'Aborted', reasons: ['AbortedBySystem'], imagesCompleted: 2 }],
    });
    expect(statusError(jam, 'adf')?.code).toBe('jammed');
    expect(statusError(jam, 'flatbed')).toBeUndefined();
    expect(statusError(status('ScannerAdfHatchOpen'), 'adf')?.code).toBe('cover_open');
    expect(statusError(status('ScannerAdfEmpty'), 'adf')?.code).toBe('no_documents');
    expect(statusError(status('ScannerAdfLoaded'), 'adf')).toBeUndefined();
    expect(statusError(status('ScannerAdfLoaded', 'Down'), 'flatbed')?.code).toBe('io');
  });
});

describe('eSCL addresses', () => {
  it('normalises the base and resolves job locations', () => {
    expect(esclBaseUrl('http://10.0.0.5').href).toBe('http://10.0.0.5/eSCL/');
    expect(esclBaseUrl('http://10.0.0.5:8080/eSCL').href).toBe('http://10.0.0.5:8080/eSCL/');
    expect(esclBaseUrl('https://scanner.local/eSCL/?x=1').href).toBe('https://scanner.local/eSCL/');
    expect(() => esclBaseUrl('ftp://x/')).toThrow();
    const base = esclBaseUrl('http://10.0.0.5/eSCL/');
    expect(jobUrl(base, '/eSCL/ScanJobs/7').href).toBe('http://10.0.0.5/eSCL/ScanJobs/7');
    expect(jobUrl(base, 'http://localhost/eSCL/ScanJobs/7').href).toBe('http://10.0.0.5/eSCL/ScanJobs/7');
    expect(jobUrl(base, 'http://10.0.0.9:81/eSCL/ScanJobs/7').href).toBe(
      'http://10.0.0.9:81/eSCL/ScanJobs/7',
    );
  });

  it('names a scanner the same with or without the trailing slash; other ids pass unchanged', () => {
    expect(canonicalScannerId('escl:http://10.0.0.5/eSCL')).toBe('escl:http://10.0.0.5/eSCL/');
    expect(canonicalScannerId('escl:http://10.0.0.5/eSCL/')).toBe('escl:http://10.0.0.5/eSCL/');
    expect(canonicalScannerId('escl:http://10.0.0.5')).toBe('escl:http://10.0.0.5/eSCL/');
    expect(canonicalScannerId('escl:ftp://x/eSCL')).toBe('escl:ftp://x/eSCL');
    expect(canonicalScannerId('sane:test:0')).toBe('sane:test:0');
    expect(canonicalScannerId('demo:feeder')).toBe('demo:feeder');
  });
});
