using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Trials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CloudVms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RowNo = table.Column<int>(type: "integer", nullable: false),
                    Zone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ServerType = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    HostName = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Ips = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Vcpu = table.Column<int>(type: "integer", nullable: false),
                    MemoryGb = table.Column<int>(type: "integer", nullable: false),
                    SystemDiskGb = table.Column<int>(type: "integer", nullable: false),
                    DataDiskGb = table.Column<int>(type: "integer", nullable: false),
                    OperatingSystem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwnerNames = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OwnerEmails = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OwnerMobiles = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BastionAccounts = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Provider = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DeliveredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ReclaimedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudVms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CloudVms_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CloudVms_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CloudVms_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrialEnvironments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Provider = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DeliveryClockId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AgencyAgreementAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AgencyAgreementBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AgreementAttachmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CenterAgreementAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CenterAgreementBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ResultNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResultAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResultBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReclaimReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrialEnvironments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrialEnvironments_DeadlineClocks_DeliveryClockId",
                        column: x => x.DeliveryClockId,
                        principalTable: "DeadlineClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_TrialEnvironments_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CloudVmEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VmId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudVmEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CloudVmEvents_CloudVms_VmId",
                        column: x => x.VmId,
                        principalTable: "CloudVms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVmEvents_VmId_At",
                table: "CloudVmEvents",
                columns: new[] { "VmId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_ApplicationId_RowNo",
                table: "CloudVms",
                columns: new[] { "ApplicationId", "RowNo" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_OrganisationId_State",
                table: "CloudVms",
                columns: new[] { "OrganisationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_State_HostName",
                table: "CloudVms",
                columns: new[] { "State", "HostName" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_SystemId",
                table: "CloudVms",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_Zone_State",
                table: "CloudVms",
                columns: new[] { "Zone", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_ApplicationId",
                table: "TrialEnvironments",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_DeliveryClockId",
                table: "TrialEnvironments",
                column: "DeliveryClockId");

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_OrganisationId",
                table: "TrialEnvironments",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_State_EndsOn",
                table: "TrialEnvironments",
                columns: new[] { "State", "EndsOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CloudVmEvents");

            migrationBuilder.DropTable(
                name: "TrialEnvironments");

            migrationBuilder.DropTable(
                name: "CloudVms");
        }
    }
}
