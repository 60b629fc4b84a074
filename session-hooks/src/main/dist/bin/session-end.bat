@echo off
rem AppStream SessionTermination script (context: system). Stops the recorder and waits until
rem everything it recorded is in S3 (or the budget ends), then prints a summary.
setlocal
rem Start in our own locked bin\: cmd.exe looks in the current folder before anything else.
cd /d "%~dp0"
rem The root as a full path without "bin\..", for the message below.
for %%I in ("%~dp0..") do set "ROOT=%%~fI"
rem Only the runtime install put in the locked root, never java.exe from the PATH: cmd.exe searches the current
rem folder and then every PATH folder, and a user who can create one of those folders (a PATH entry that does not
rem exist yet, a folder they made under C:\) would have their java.exe run as SYSTEM.
set "JAVA=%ROOT%\jre\bin\java.exe"
if exist "%JAVA%" goto run
echo session-end: no Java runtime at %JAVA%. Fix: installer install --jre ^<JDK/JRE zip^> --jre-sha256 ^<hash^>
exit /b 1
:run
rem A SYSTEM JVM would otherwise unpack jnidispatch.dll under the TEMP folder (C:\Windows\Temp), where any user
rem can create the jna-* folder first and plant a DLL; keep JNA and the JVM's temp files in the locked root.
rem The JVM does not create java.io.tmpdir; install does, and this recreates it if it was removed.
if not exist "%ROOT%\cache\tmp\" mkdir "%ROOT%\cache\tmp"
if not exist "%ROOT%\cache\jna\" mkdir "%ROOT%\cache\jna"
"%JAVA%" -Xmx128m "-Djna.tmpdir=%ROOT%\cache\jna" "-Djava.io.tmpdir=%ROOT%\cache\tmp" "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.hooks.HooksCli session-end --config "%ROOT%\config\recorder.json" --budget-seconds 50 %*
exit /b %ERRORLEVEL%
