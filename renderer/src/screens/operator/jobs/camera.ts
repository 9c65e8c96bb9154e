import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { FrameMimeType } from '../../../stores/jobs/capture.js';

/**
 * The document camera (a UVC camera or an overhead scanner that shows up as one): a live preview
 * through getUserMedia at the camera's highest resolution, and photos taken with ImageCapture where
 * the browser has it, else the preview's frame drawn on a canvas. The photo goes to the core as
 * base64 through the jobs store (`scan.addFrame`).
 */

/** Ask for more than any document camera gives: the browser settles on the camera's best. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { width: { ideal: 4096 }, height: { ideal: 3072 } },
};

const JPEG: FrameMimeType = 'image/jpeg';
const PNG: FrameMimeType = 'image/png';
const JPEG_QUALITY = 0.95;

export const CameraSource = { scanner: 'scanner', camera: 'camera' } as const;
export type CameraSource = (typeof CameraSource)[keyof typeof CameraSource];

export type CameraStatus = 'off' | 'starting' | 'live' | 'error';
export type CameraProblem = 'denied' | 'noCamera' | 'busy' | 'unsupported' | 'failed';
export const CAMERA_LIVE: CameraStatus = 'live';
export const CAMERA_STARTING: CameraStatus = 'starting';

/** True when this screen can reach cameras at all (a secure context with mediaDevices). */
export function hasCameraApi(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** What went wrong, from getUserMedia's DOMException names, for the operator's message. */
export function cameraProblem(err: unknown): CameraProblem {
  switch ((err as { name?: unknown } | null)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'noCamera';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

export interface Photo {
  /** Base64, without the data: prefix. */
  image: string;
  mimeType: FrameMimeType;
}

interface ImageCaptureLike {
  takePhoto(): Promise<Blob>;
}
type ImageCaptureCtor = new (track: MediaStreamTrack) => ImageCaptureLike;

function isFrameType(type: string): type is FrameMimeType {
  return type === JPEG || type === PNG;
}

/** The preview's current frame at the stream's resolution, as JPEG. */
function frameFromVideo(video: HTMLVideoElement | null): Promise<Blob> {
  return new Promise((resolve, reject) => {
    if (!video || video.videoWidth === 0 || video.videoHeight === 0) {
      reject(new Error('no video frame'));
      return;
    }
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d');
    if (!context) {
      reject(new Error('no canvas'));
      return;
    }
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no frame'))), JPEG, JPEG_QUALITY);
  });
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** A full-resolution photo from the stream: ImageCapture.takePhoto(), else the preview's frame. */
export async function takePhoto(stream: MediaStream, video: HTMLVideoElement | null): Promise<Photo> {
  const track = stream.getVideoTracks()[0];
  const Capture = (globalThis as { ImageCapture?: ImageCaptureCtor }).ImageCapture;
  if (track?.readyState !== 'live') throw new Error('the camera is gone');
  let blob: Blob | null = null;
  if (Capture) {
    try {
      blob = await new Capture(track).takePhoto();
    } catch {
      blob = null; // some cameras and drivers refuse takePhoto: the preview's frame will do
    }
  }
  if (!blob || !isFrameType(blob.type)) blob = await frameFromVideo(video);
  return { image: await toBase64(blob), mimeType: isFrameType(blob.type) ? blob.type : JPEG };
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export interface Camera {
  videoRef: RefObject<HTMLVideoElement | null>;
  status: CameraStatus;
  problem: CameraProblem | null;
  /** Resolves to the photo, or null when the camera is not live or gave no picture. */
  take(): Promise<Photo | null>;
}

/**
 * The camera while `on` (and `attempt`, bumped to try again after an error): started when turned on,
 * stopped when turned off or when the screen goes away.
 */
export function useCamera(on: boolean, attempt: number): Camera {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [status, setStatus] = useState<CameraStatus>('off');
  const [problem, setProblem] = useState<CameraProblem | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` restarts the camera on purpose.
  useEffect(() => {
    if (!on) {
      setStatus('off');
      setProblem(null);
      return;
    }
    if (!hasCameraApi()) {
      setStatus('error');
      setProblem('unsupported');
      return;
    }
    let cancelled = false;
    let stream: MediaStream | null = null;
    setStatus('starting');
    setProblem(null);
    navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS).then(
      (s) => {
        if (cancelled) {
          stopStream(s);
          return;
        }
        stream = s;
        streamRef.current = s;
        const track = s.getVideoTracks()[0];
        if (track) {
          track.onended = () => {
            if (cancelled) return;
            setStatus('error');
            setProblem('noCamera');
          };
        }
        const video = videoRef.current;
        if (video) {
          video.srcObject = s;
          video.play().catch(() => undefined);
        }
        setStatus('live');
      },
      (err: unknown) => {
        if (cancelled) return;
        setStatus('error');
        setProblem(cameraProblem(err));
      },
    );
    return () => {
      cancelled = true;
      if (stream) stopStream(stream);
      streamRef.current = null;
      if (videoRef.current) videoRef.current.srcObject = null;
    };
  }, [on, attempt]);

  const take = useCallback(async (): Promise<Photo | null> => {
    const stream = streamRef.current;
    if (!stream) return null;
    try {
      const photo = await takePhoto(stream, videoRef.current);
      setProblem(null);
      return photo;
    } catch {
      setProblem('failed');
      return null;
    }
  }, []);

  return { videoRef, status, problem, take };
}
